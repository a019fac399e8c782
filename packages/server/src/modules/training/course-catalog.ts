/**
 * The starter course catalogue a network gets in the demo (and can copy): the trainings
 * rapid-response networks run, with their usual validity and the dispatch qualification
 * each one grants.
 */
export const STARTER_COURSES = [
  {
    key: 'know-your-rights',
    name: 'Know your rights',
    validityMonths: 24,
    qualification: null,
    issueOn: 'attendance',
    prerequisites: [],
    description: 'What to say and not say, warrants, and how to support a neighbour at the door.',
  },
  {
    key: 'legal-observer',
    name: 'Legal observer',
    validityMonths: 12,
    qualification: 'legal_observer',
    issueOn: 'attendance',
    prerequisites: [],
    description: 'Observing and documenting enforcement actions accurately and safely.',
  },
  {
    key: 'rapid-response-verifier',
    name: 'Rapid-response verifier',
    validityMonths: 12,
    qualification: 'verifier',
    issueOn: 'signoff',
    prerequisites: ['know-your-rights'],
    description: 'Going to a reported sighting, confirming what is happening, and reporting back.',
  },
  {
    key: 'nonviolent-direct-action',
    name: 'Non-violent direct action',
    validityMonths: 24,
    qualification: 'rapid_responder',
    issueOn: 'attendance',
    prerequisites: [],
    description: 'Principles, roles and safety for non-violent direct action.',
  },
  {
    key: 'de-escalation',
    name: 'De-escalation',
    validityMonths: 24,
    qualification: null,
    issueOn: 'attendance',
    prerequisites: [],
    description: 'Calming tense situations with words, posture and space.',
  },
  {
    key: 'driver-safety',
    name: 'Driver safety',
    validityMonths: 12,
    qualification: null,
    issueOn: 'attendance',
    prerequisites: [],
    description: 'Safe driving for accompaniment and transport, and what to do at a traffic stop.',
  },
  {
    key: 'case-work-confidentiality',
    name: 'Case-work confidentiality',
    validityMonths: 12,
    qualification: null,
    issueOn: 'signoff',
    prerequisites: [],
    description: 'Keeping families’ information safe: what to record, where, and who may see it.',
  },
] as const;
