/** The URI scheme of the read-only source connection documents (sourceDocument.ts, command code). */
export const SOURCE_SCHEME = 'plex-source';
