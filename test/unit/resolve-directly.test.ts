import 'reflect-metadata';
import { type GraphQLObjectType } from 'graphql';
import { Authorized, buildSchema, Field, FieldResolver, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { resolveDirectly } from '../../src/graphql/resolve-directly.js';

@ObjectType('Probe')
class Probe {
  @Field()
  id!: string;
}

@Resolver(() => Probe)
class ProbeResolver {
  @Query(() => Probe)
  probe(): Probe {
    return { id: 'p' };
  }

  @FieldResolver(() => String)
  plain(@Root() p: Probe): string {
    return p.id;
  }

  @FieldResolver(() => String)
  @UseMiddleware((_, next) => next())
  logged(@Root() p: Probe): string {
    return p.id;
  }

  @FieldResolver(() => String)
  @Authorized()
  secret(@Root() p: Probe): string {
    return p.id;
  }
}

/** resolveDirectly skips type-graphql's wrapper only where the wrapper would do nothing but convert. */
describe('resolveDirectly', () => {
  const build = () => buildSchema({ resolvers: [ProbeResolver], validate: false, authChecker: () => false });

  it('puts the given function in place of the wrapper of a plain field resolver', async () => {
    const schema = await build();
    const direct = (p: Probe) => p.id.toUpperCase();
    resolveDirectly(schema, 'Probe', { plain: direct });
    expect((schema.getType('Probe') as GraphQLObjectType).getFields().plain!.resolve).toBe(direct);
  });

  it.each(['logged', 'secret'])('refuses %s, whose middleware or @Authorized it would skip', async (field) => {
    const schema = await build();
    expect(() => resolveDirectly(schema, 'Probe', { [field]: () => 'x' })).toThrow(/middleware or @Authorized/);
  });

  it('refuses a field the type does not have', async () => {
    const schema = await build();
    expect(() => resolveDirectly(schema, 'Probe', { renamed: () => 'x' })).toThrow(/not a field without arguments/);
  });
});
