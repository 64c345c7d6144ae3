import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class PageArgsInput {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}
