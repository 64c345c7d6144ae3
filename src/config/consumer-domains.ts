/**
 * Consumer (personal) mail domains refused for invitations, as in the 2016 preview
 * ("consumer email addresses are not supported, e.g. hotmail.com, gmail.com, comcast.net").
 * The documentation gives no full list; this one covers the large free-mail providers.
 * CONSUMER_EMAIL_DOMAINS replaces it.
 */
export const DEFAULT_CONSUMER_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es',
  'outlook.com', 'outlook.fr', 'outlook.de', 'live.com', 'live.co.uk', 'live.fr', 'msn.com', 'passport.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.co.jp', 'ymail.com', 'rocketmail.com',
  'aol.com', 'aim.com',
  'icloud.com', 'me.com', 'mac.com',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net',
  'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 't-online.de', 'freenet.de',
  'mail.com', 'mail.ru', 'yandex.ru', 'yandex.com', 'rambler.ru',
  'proton.me', 'protonmail.com', 'pm.me', 'tutanota.com', 'zoho.com', 'fastmail.com',
  'qq.com', '163.com', '126.com', 'sina.com', 'naver.com', 'daum.net', 'hanmail.net',
  'orange.fr', 'free.fr', 'laposte.net', 'wanadoo.fr', 'libero.it', 'virgilio.it', 'btinternet.com',
];
