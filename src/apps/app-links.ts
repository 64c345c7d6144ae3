import { type EntityManager, In } from 'typeorm';
import type { AppLinks } from '../directory/ports.js';
import { AppAssignment, AssignmentPrincipalType } from './app-assignment.entity.js';
import { Application } from './application.entity.js';

/**
 * What the directory reads and ends of applications when it changes users, groups and roles. The
 * directory sits below apps, so the composition root (src/services.ts) hands it this.
 */
export const appLinks: AppLinks = {
  async applicationExists(em: EntityManager, tenantId: string, id: string): Promise<boolean> {
    return (await em.countBy(Application, { id, tenantId })) > 0;
  },

  async clientIdsAssignedToGroup(em: EntityManager, groupId: string): Promise<string[]> {
    const viaGroup = await em.find(AppAssignment, { where: { principalType: AssignmentPrincipalType.Group, principalId: groupId } });
    if (viaGroup.length === 0) return [];
    const apps = await em.find(Application, { where: { id: In(viaGroup.map((a) => a.applicationId)) } });
    return apps.map((app) => app.appId);
  },

  async deleteUserAssignments(em: EntityManager, userId: string): Promise<void> {
    await em.delete(AppAssignment, { principalType: AssignmentPrincipalType.User, principalId: userId });
  },
};
