import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ApiScope } from '../../directory/permissions.js';
import { PrincipalKind } from './enums.js';

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'Delegated scopes of the gateway API (the value in tokens is the dotted name).',
  valuesConfig: {
    DirectoryReadAll: { description: '`Directory.Read.All`: read what the signed-in user may read.' },
    DirectoryAccessAsUserAll: { description: "`Directory.AccessAsUser.All`: do what the signed-in user's roles allow." },
  },
});

@ObjectType('ApiAccessGrant', { description: 'Admin consent for an app to call this API on behalf of the users who sign in to it.' })
export class ApiAccessGrantObject {
  @Field(() => [ApiScope])
  scopes: ApiScope[];

  @Field(() => PrincipalKind, { description: 'Who granted it.' })
  grantedByKind: PrincipalKind;

  @Field(() => String)
  grantedById: string;

  @Field(() => Date)
  updatedAt: Date;
}

export { ApiScope };
