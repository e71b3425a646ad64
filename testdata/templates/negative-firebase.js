// Firebase Authentication with session cookies on the server.
import { getAuth, signInWithEmailAndPassword } from 'firebase/auth';

export async function signIn(email, password) {
  const cred = await signInWithEmailAndPassword(getAuth(), email, password);
  const idToken = await cred.user.getIdToken();
  const res = await fetch('/sessionLogin', { method: 'POST', body: JSON.stringify({ idToken }) });
  const data = await res.json();
  return data.session.token;
}

export async function sessionLogin(admin, req, res) {
  const sessionToken = await admin.auth().createSessionCookie(req.body.idToken, { expiresIn: 3600000 });
  res.cookie('session', sessionToken, { httpOnly: true, secure: true });
  res.end(JSON.stringify({ status: 'success' }));
}
