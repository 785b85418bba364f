// Entry of the lazily loaded dist/google/resourcemanager.js bundle: the generated v3
// ProjectsClient alone (not the package index, which pulls in folders, organizations and
// tags), with the grpc-js instance and the auth library its google-gax uses, as in aiplatform.ts.
export { ProjectsClient } from '@google-cloud/resource-manager/build/src/v3/projects_client';
export { credentials as grpcCredentials } from '@grpc/grpc-js';
export { OAuth2Client } from 'google-auth-library';
