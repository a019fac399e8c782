import type { PolicyTable } from '../../platform/access/policy.ts';

/** Who manages training: trainers, coordinators and network admins. */
const MANAGERS = ['trainer', 'org_coordinator', 'network_admin'] as const;

/**
 * Training permissions. Active members see courses and sessions, register and see their
 * own certifications; trainers, coordinators and admins manage courses, sessions,
 * attendance, certifications and imports. Pending members see nothing.
 */
export const TRAINING_POLICY = {
  'course.list': { who: ['member'], scope: 'network' },
  'course.manage': { who: MANAGERS, scope: 'network' },
  // Mapping a course to a dispatch qualification decides who is dispatched: not for trainers alone.
  'course.qualify': { who: ['org_coordinator', 'network_admin'], scope: 'network' },
  'session.list': { who: ['member'], scope: 'network' },
  'session.register': { who: ['member'], scope: 'network' },
  'session.manage': { who: MANAGERS, scope: 'network' },
  'attendance.manage': { who: MANAGERS, scope: 'network' },
  'certification.self': { who: ['member'], scope: 'network' },
  'certification.manage': { who: MANAGERS, scope: 'network' },
  'import.manage': { who: MANAGERS, scope: 'network' },
  'dashboard.view': { who: MANAGERS, scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the training module. */
export type TrainingAction = keyof typeof TRAINING_POLICY;
