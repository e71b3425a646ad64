// An app's own translations, with keys that look like the widget's:
// no Okta widget in this file, so nothing is reported.
export const i18n = {
  en: { 'primaryauth.submit': 'Submit', remember: 'Remember me', 'mfa.sendCode': 'Send code' },
};
i18n.fr = { remember: 'Se souvenir de moi' };
