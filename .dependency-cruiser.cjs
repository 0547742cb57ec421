// The layers point one way (docs/architecture.md). `npm run lint` runs these rules over src/.

/**
 * The layers, top to bottom, as docs/architecture.md draws them. A module imports only from its
 * own layer or the ones below it, type-only imports included: a type from above is a dependency
 * on above all the same (it moves with the code above, and ties the layers' review together).
 */
const SESSION_CORE = '(session|sessionState|storedSession|sessionView|sessionStore|sessionGeneration|clientIdentifier|tokenUse)\\.ts$';
const LAYERS = [
  ['wiring', '^src/(extension|composition|workbenchHost|commandCode|api)\\.ts$'],
  ['commands', '^src/commands/'],
  ['views', '^src/views/'],
  ['account', '^src/account/'],
  ['auth services', `^src/auth/(?!gateway/)(?!${SESSION_CORE})`],
  ['servers', '^src/servers/'],
  ['gateway', '^src/auth/gateway/'],
  ['ui', '^src/ui/|^src/hostPort\\.ts$'],
  ['session', `^src/auth/${SESSION_CORE}|^src/commandTable\\.ts$`],
  ['shared', '^src/(config|log|tokenShape|userOnlySettings|walkthrough|walkthroughKeys)\\.ts$'],
  ['service layer', '^src/plex/'],
];

/** One rule per layer: nothing it holds imports a layer above it. */
function layerOrderRules() {
  return LAYERS.slice(1).map(([name, path], index) => ({
    name: `layer-order: ${name}`,
    comment: `${name} imports only from its own layer and those below: never ${LAYERS.slice(0, index + 1).map(([above]) => above).join(', ')}.`,
    severity: 'error',
    from: { path },
    to: { path: LAYERS.slice(0, index + 1).map(([, above]) => above).join('|') },
  }));
}

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
    ...layerOrderRules(),
    {
      name: 'every-module-has-a-layer',
      comment: 'Every module of src/ belongs to one layer of docs/architecture.md (LAYERS above).',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.map(([, path]) => path).join('|') },
      to: {},
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
