import * as validator from '@authenio/samlify-node-xmllint';
import * as samlify from 'samlify';

// samlify refuses to parse anything without a schema validator: messages are checked against the SAML XSDs.
samlify.setSchemaValidator(validator);
