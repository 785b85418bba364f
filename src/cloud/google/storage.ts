// Entry of the lazily loaded dist/google/storage.js bundle: the Storage client and the auth
// library version it was built against (its own copy, older than the extension's), for the
// token-forwarding client storage.ts hands it.
export { Storage } from '@google-cloud/storage';
export { OAuth2Client as StorageOAuth2Client } from '../../../node_modules/@google-cloud/storage/node_modules/google-auth-library';
