// Shared Jest preset: TypeScript via ts-jest in transpile-only mode (type checking is the
// separate `typecheck` target), real files and real loopback HTTP in tests.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  clearMocks: true,
  testTimeout: 60000,
};
