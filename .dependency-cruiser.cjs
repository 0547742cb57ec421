// The layers point one way (docs/architecture.md). `npm run lint` runs these rules over src/.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'service-layer-stands-alone',
      comment: 'src/plex is plain TypeScript: it imports nothing of the extension and never vscode.',
      severity: 'error',
      from: { path: '^src/plex/' },
      to: { pathNot: '^src/plex/|^node_modules/|^node:', dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-vscode-in-service-layer',
      severity: 'error',
      from: { path: '^src/plex/' },
      to: { path: '^vscode$|node_modules/@types/vscode' },
    },
    {
      name: 'nothing-below-imports-commands',
      comment: 'Command handlers are the top layer: auth, account, servers, ui and views never import them.',
      severity: 'error',
      from: { path: '^src/(auth|account|servers|ui|views|plex)/' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'services-do-not-import-views',
      comment: 'Views follow the services by events; auth, account, servers and ui never import views.',
      severity: 'error',
      from: { path: '^src/(auth|account|servers|ui|plex)/' },
      to: { path: '^src/views/' },
    },
    {
      name: 'only-auth-writes-session-state',
      comment: 'Views, the status bar, servers and ui see the session through SessionView; only auth code (and the composition) holds the writer.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/auth/|^src/composition\\.ts$|^src/commands/' },
      to: { path: '^src/auth/session\\.ts$' },
    },
    {
      name: 'commands-name-the-writer-only-as-a-type',
      comment: 'Command code hands the session to auth services; it never calls it itself at run time.',
      severity: 'error',
      from: { path: '^src/commands/' },
      to: { path: '^src/auth/session\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|out|test|scripts)/' },
  },
};
