// Entry of the lazily loaded dist/google/auth.js bundle.
export { GoogleAuth, Impersonated } from 'google-auth-library';
