// A software WebAuthn authenticator for tests: real attestation ("none") and ES256 assertions, made
// with node:crypto and the CBOR encoder of @simplewebauthn/server, so the server's checks run for real.
import { createHash, createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

const UP = 0x01;
const UV = 0x04;
const BE = 0x08;
const BS = 0x10;
const AT = 0x40;

/** What a test may falsify in a ceremony: the origin the browser saw, the RP id hashed, the challenge signed. */
export interface CeremonyOverrides {
  origin?: string;
  rpId?: string;
  challenge?: string;
}

export class SoftAuthenticator {
  readonly credentialId: Buffer;
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  /** The signature counter the next assertion reports (set it back to fake a cloned key). */
  counter = 0;

  /** `origin` is the gateway's (PUBLIC_URL's); `backedUp` makes a synced passkey (`swk`); `idBytes`: its credential id's length. */
  constructor(
    readonly origin: string,
    readonly backedUp = false,
    idBytes = 16,
  ) {
    this.credentialId = randomBytes(idBytes);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.publicJwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The answer of navigator.credentials.create to `options` (PublicKeyCredentialCreationOptionsJSON). */
  register(options: { challenge: string; rp: { id?: string } }, overrides: CeremonyOverrides = {}) {
    const rpId = overrides.rpId ?? options.rp.id ?? new URL(this.origin).hostname;
    const cose = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(this.publicJwk.x, 'base64url')],
      [-3, Buffer.from(this.publicJwk.y, 'base64url')],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      this.header(rpId, AT),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      Buffer.from(isoCBOR.encode(cose)),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge, overrides),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** The answer of navigator.credentials.get to `options` (PublicKeyCredentialRequestOptionsJSON). */
  authenticate(options: { challenge: string; rpId?: string }, overrides: CeremonyOverrides = {}) {
    const rpId = overrides.rpId ?? options.rpId ?? new URL(this.origin).hostname;
    const authData = this.header(rpId, 0);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides);
    const signature = createSign('sha256')
      .update(Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]))
      .sign(this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON, authenticatorData: b64url(authData), signature: b64url(signature) },
    };
  }

  /** rpIdHash, flags (user present and verified, backup state) and the counter, which it then advances. */
  private header(rpId: string, extraFlags: number): Buffer {
    const flags = Buffer.from([UP | UV | extraFlags | (this.backedUp ? BE | BS : 0)]);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    if (this.counter > 0) this.counter++;
    return Buffer.concat([sha256(rpId), flags, counter]);
  }

  private clientData(type: string, challenge: string, overrides: CeremonyOverrides): string {
    const data = { type, challenge: overrides.challenge ?? challenge, origin: overrides.origin ?? this.origin, crossOrigin: false };
    return b64url(Buffer.from(JSON.stringify(data)));
  }
}
