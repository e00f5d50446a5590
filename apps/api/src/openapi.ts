import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of every API method, served at /docs/openapi.json and committed as docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Loyalty and promotions engine')
    .setDescription(
      'All methods are POST with a JSON body under /api/v1.1/. Success: HTTP 200 with {error: 0, error_text, data} ' +
        '(methods under market/ answer {error: 0, error_text, result}). Failure: {error, error_text, error_code, details}. ' +
        'Authenticate with Authorization: Bearer <token> (or a token field in the body). Mutating methods accept Idempotency-Key.',
    )
    .setVersion('1.1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function mountSwagger(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}
