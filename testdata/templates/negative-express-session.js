// Express with express-session: req.session is the app's own session.
const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: false }));

app.get('/p', (req, res) => { const token = req.session.token; res.send(token); });

app.post('/login', async (req, res) => {
  req.session.token = await issueToken(req.body.user);
  const { token } = req.session;
  res.json({ ok: Boolean(token), sessionToken: req.session['token'] });
});

app.get('/logout', function (req, res) {
  var s = req.session;
  res.clearCookie('connect.sid');
  s.destroy(() => res.redirect('/'));
});
