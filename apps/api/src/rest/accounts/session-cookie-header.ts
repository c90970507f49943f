/** How sign-in answers document the cookie they set. */
export const SET_SESSION_COOKIE = {
  'Set-Cookie': 'The session cookie (`connect.sid` by default), HttpOnly and SameSite=Lax.',
};
