export { registerUser } from './register-user';
export { loginUser, type LoginOptions } from './login-user';
export { logoutSession } from './logout-session';
export { authenticateSession } from './authenticate-session';
export { hashSessionToken, isWellFormedToken } from './session-token';
export { hashPassword, verifyPassword } from './password';
export { toUser } from './to-user';
export { authorize, ACCESS, type Access, type Caller, type Grant } from './authorize';
export { identifyCaller, identifyService, type Credentials } from './identify-caller';
