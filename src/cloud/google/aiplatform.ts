// Entry of the lazily loaded dist/google/aiplatform.js bundle: only the v1 clients the
// extension uses, and the grpc-js instance they use (insecure channel credentials for a
// local endpoint must come from the same instance).
export { JobServiceClient } from '@google-cloud/aiplatform/build/src/v1/job_service_client';
export { ModelServiceClient } from '@google-cloud/aiplatform/build/src/v1/model_service_client';
export { EndpointServiceClient } from '@google-cloud/aiplatform/build/src/v1/endpoint_service_client';
export { PredictionServiceClient } from '@google-cloud/aiplatform/build/src/v1/prediction_service_client';
export { DatasetServiceClient } from '@google-cloud/aiplatform/build/src/v1/dataset_service_client';
export { PipelineServiceClient } from '@google-cloud/aiplatform/build/src/v1/pipeline_service_client';
export { credentials as grpcCredentials } from '@grpc/grpc-js';
// The auth library version google-gax itself uses, for the local REST fallback's token stub.
export { OAuth2Client } from 'google-auth-library';
