import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A SAML app's configured relay state (Entra's "Relay State" of the Basic SAML Configuration): what
 * an IdP-initiated sign-in sends the SP when the link names no page of its own. At most 1024
 * characters, checked by `configuredRelayState` (src/saml/relay-state.ts) before it is written.
 */
export class SamlRelayState1765193000000 implements MigrationInterface {
  name = 'SamlRelayState1765193000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('saml_service_provider', new TableColumn({ name: 'relayState', type: 'varchar', length: '1024', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('saml_service_provider', 'relayState');
  }
}
