import { Field, ID, InputType } from 'type-graphql';
import { DirectoryRole } from './enums.js';

@InputType({
  description: 'A member of the tenant: an address on one of its verified domains. The person activates the account from a mailed link.',
})
export class CreateUserInput {
  @Field(() => String, { description: 'Becomes the user principal name.' })
  email: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, { nullable: true })
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: 'Language of the activation mail (e.g. de, pt-BR); English when omitted.' })
  preferredLanguage?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Groups to add the member to (requires ManageGroups).' })
  groupIds?: string[] | null;

  @Field(() => [DirectoryRole], { nullable: true, description: 'Directory roles to give the member (requires ManageRoles).' })
  roles?: DirectoryRole[] | null;
}
