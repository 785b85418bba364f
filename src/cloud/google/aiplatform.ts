// Entry of the lazily loaded dist/google/aiplatform.js bundle: only the v1 clients the
// extension uses, and the grpc-js instance they use (insecure channel credentials for a
// local endpoint must come from the same instance). Each client's module, with the descriptor
// set it parses, runs on first use: the first page of jobs needs the job client alone.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as DatasetService from '@google-cloud/aiplatform/build/src/v1/dataset_service_client';
import type * as EndpointService from '@google-cloud/aiplatform/build/src/v1/endpoint_service_client';
import type * as JobService from '@google-cloud/aiplatform/build/src/v1/job_service_client';
import type * as ModelService from '@google-cloud/aiplatform/build/src/v1/model_service_client';
import type * as PipelineService from '@google-cloud/aiplatform/build/src/v1/pipeline_service_client';
import type * as PredictionService from '@google-cloud/aiplatform/build/src/v1/prediction_service_client';

export const clients = {
  get JobServiceClient(): typeof JobService.JobServiceClient {
    return (require('@google-cloud/aiplatform/build/src/v1/job_service_client') as typeof JobService).JobServiceClient;
  },
  get ModelServiceClient(): typeof ModelService.ModelServiceClient {
    return (require('@google-cloud/aiplatform/build/src/v1/model_service_client') as typeof ModelService).ModelServiceClient;
  },
  get EndpointServiceClient(): typeof EndpointService.EndpointServiceClient {
    return (require('@google-cloud/aiplatform/build/src/v1/endpoint_service_client') as typeof EndpointService).EndpointServiceClient;
  },
  get PredictionServiceClient(): typeof PredictionService.PredictionServiceClient {
    return (require('@google-cloud/aiplatform/build/src/v1/prediction_service_client') as typeof PredictionService).PredictionServiceClient;
  },
  get DatasetServiceClient(): typeof DatasetService.DatasetServiceClient {
    return (require('@google-cloud/aiplatform/build/src/v1/dataset_service_client') as typeof DatasetService).DatasetServiceClient;
  },
  get PipelineServiceClient(): typeof PipelineService.PipelineServiceClient {
    return (require('@google-cloud/aiplatform/build/src/v1/pipeline_service_client') as typeof PipelineService).PipelineServiceClient;
  },
};

export { credentials as grpcCredentials } from '@grpc/grpc-js';
// The auth library version google-gax itself uses, for the local REST fallback's token stub.
export { OAuth2Client } from 'google-auth-library';
