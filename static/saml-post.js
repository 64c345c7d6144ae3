/* global document */
// Posts the SAML message to the service provider (the HTTP-POST binding); without scripts, the button does it.
document.getElementById('saml-post')?.submit();
