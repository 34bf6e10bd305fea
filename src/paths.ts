import { fileURLToPath } from 'node:url';

/** The package root (holds package.json, data/, cypher/, neo4j/), from src/ or dist/ alike. */
export const PACKAGE_ROOT: string = fileURLToPath(new URL('..', import.meta.url));

/** The bundled corpus, used when `build`/`ingest` get no inputs. */
export const BUNDLED_DATA_DIR: string = fileURLToPath(new URL('../data/', import.meta.url));

/** Named Cypher queries and the schema. */
export const CYPHER_DIR: string = fileURLToPath(new URL('../cypher/', import.meta.url));
