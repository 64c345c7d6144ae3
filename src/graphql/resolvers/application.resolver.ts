import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Application } from '../../apps/application.entity.js';
import { usableByPeople } from '../../apps/usable-by-people.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { AddApplicationSecretInput, CreateApplicationInput, PrincipalInput, UpdateApplicationInput } from '../types/application.input.js';
import {
  AddApplicationSecretPayload,
  AppAssignmentObject,
  ApplicationConnection,
  ApplicationObject,
  ApplicationSecretObject,
  CreateApplicationPayload,
} from '../types/application.type.js';
import { toConnection } from '../types/connection.js';
import { DirectoryRole } from '../types/enums.js';
import { PageArgsInput } from '../types/page.args.js';
import { ApplicationProtocol } from '../types/saml.type.js';

@Resolver(() => ApplicationObject)
export class ApplicationResolver {
  @Query(() => ApplicationConnection)
  async applications(@Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.apps.list(requireActor(ctx), page));
  }

  @Query(() => ApplicationObject)
  application(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.apps.get(requireActor(ctx), id);
  }

  @Mutation(() => CreateApplicationPayload, { description: 'Registers an app; the payload carries its client secret, shown only once.' })
  createApplication(@Arg('input', () => CreateApplicationInput) input: CreateApplicationInput, @Ctx() ctx: GraphQLContext) {
    const { protocol, saml, ...app } = input;
    if (protocol === ApplicationProtocol.SAML) return ctx.services.saml.register(requireActor(ctx), app, saml ?? {});
    return ctx.services.apps.create(requireActor(ctx), app);
  }

  @Mutation(() => ApplicationObject)
  updateApplication(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateApplicationInput) input: UpdateApplicationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { saml, ...patch } = input;
    if (saml) return ctx.services.saml.update(requireActor(ctx), id, patch, saml);
    return ctx.services.apps.update(requireActor(ctx), id, patch);
  }

  @Mutation(() => ID, { description: 'Deletes the app and its assignments. Returns the deleted id.' })
  async deleteApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.apps.delete(requireActor(ctx), id)).id;
  }

  @Mutation(() => AppAssignmentObject, { description: 'Assigns a user or a group to the app (idempotent).' })
  assignApplication(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('principal', () => PrincipalInput) principal: PrincipalInput,
    @Arg('appRole', () => String, { nullable: true, description: "An app role of the app's exposed API (allowed for users) to give too." })
    appRole: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.assignments.assign(requireActor(ctx), applicationId, principal, appRole);
  }

  @Mutation(() => ApplicationObject)
  unassignApplication(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('principal', () => PrincipalInput) principal: PrincipalInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.assignments.unassign(requireActor(ctx), applicationId, principal);
  }

  @Mutation(() => AddApplicationSecretPayload, {
    description: 'Adds a client secret (rotation: an app may hold several); the payload carries it, shown only once.',
  })
  addApplicationSecret(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('input', () => AddApplicationSecretInput) input: AddApplicationSecretInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.appSecrets.add(requireActor(ctx), applicationId, input);
  }

  @Mutation(() => ApplicationObject, { description: 'Removes a client secret; it stops working at once.' })
  removeApplicationSecret(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('secretId', () => ID) secretId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.appSecrets.remove(requireActor(ctx), applicationId, secretId);
  }

  @FieldResolver(() => [ApplicationSecretObject], { description: 'The client secrets (metadata; never the values).' })
  secrets(@Root() app: Application, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.appSecrets.load(app);
  }

  @FieldResolver(() => [AppAssignmentObject])
  assignments(@Root() app: Application, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.appAssignments.load(app.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'A person can use the app (SAML, a reply URL or a homepage); false for a client-credentials-only client and the admin console’s app. Only such apps can be given with an invitation.',
  })
  usableByPeople(@Root() app: Application): boolean {
    return usableByPeople(app);
  }

  @FieldResolver(() => [DirectoryRole], { description: 'Directory roles the app holds (for automation).' })
  roles(@Root() app: Application, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.appRoles.load(app.id);
  }
}
