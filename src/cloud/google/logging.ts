// Entry of the lazily loaded dist/google/logging.js bundle: the generated Cloud Logging v2
// client alone (not @google-cloud/logging's handwritten layer, which drops the tail's
// bufferWindow and adds an implicit 24 h filter to listings), with the grpc-js instance and
// the auth library version its google-gax uses.
export { LoggingServiceV2Client } from '@google-cloud/logging-api/build/src/v2/logging_service_v2_client';
export { credentials as grpcCredentials } from '@grpc/grpc-js';
export { OAuth2Client } from 'google-auth-library';
