// Metadata of the registry-fact rules (src/core/trust/findings.ts decides them). They exist only when trust signals
// are turned on, since they need a registry lookup; informational unless the policy's `severities` raises them.
import type { RuleMeta } from './types';

export const TRUST_SIGNAL_RULES: readonly RuleMeta[] = [
  { id: 'young-package', name: 'YoungPackage', shortDescription: 'Package first published less than 30 days ago', fullDescription: 'The registry says the package was first published less than 30 days ago. Typosquats and malicious packages are young; check who publishes it before trusting it.', defaultSeverity: 'info' },
  { id: 'young-version', name: 'YoungVersion', shortDescription: 'Version published less than 72 hours ago', fullDescription: 'The version in use was published less than 72 hours ago: the window in which compromised releases are usually noticed and pulled.', defaultSeverity: 'info' },
  { id: 'no-source-repository', name: 'NoSourceRepository', shortDescription: 'Package names no source repository', fullDescription: 'The registry lists no source repository for the package, so what it runs cannot be traced to reviewable source code.', defaultSeverity: 'info' },
  { id: 'deprecated-package', name: 'DeprecatedPackage', shortDescription: 'Package version deprecated (npm) or yanked (PyPI)', fullDescription: 'The registry marks the version in use as deprecated (npm) or yanked (PyPI); the notice usually says why and what to use instead.', defaultSeverity: 'info' },
  { id: 'no-provenance', name: 'NoProvenance', shortDescription: 'npm version published without provenance', fullDescription: 'The npm version in use carries no provenance attestation, so nothing ties the published package to the source and build that produced it.', defaultSeverity: 'info' },
];
