// The issuer is shared vocabulary (the sign-in log names home identity providers too); re-exported here for oidc/.
export { homeIdentityProvider, issuerFor } from '../shared/issuer.js';
