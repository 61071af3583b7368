import { z } from 'zod';

const Id = z.string().min(1).max(200);
/** An SDK entity exactly as the mock API returns it (MoodState, DiaryEntry, …). */
const Entity = z.record(z.string(), z.unknown());

/** How many diary entries, breakthroughs and history entries the state panel shows. */
export const AGENT_STATE_LIMIT = 20;

export const agentStateCommands = {
  /** An agent's state as the mock API would return it: getMood, getMoodHistory, getDiary, listBreakthroughs, listSchedules. */
  'agent.state': {
    params: z.object({ projectId: Id.optional(), agentId: Id.optional(), userId: Id.optional() }).strict().default({}),
    result: z.object({
      projectId: z.string(),
      agentId: z.string(),
      agentName: z.string(),
      isActive: z.boolean(),
      userId: z.string().nullable(),
      mood: Entity,
      moodHistory: z.array(Entity),
      diary: z.array(Entity),
      breakthroughs: z.array(Entity),
      /** Schedules of the user (every user's when none is chosen), as `ScheduleDTO`s with their owner. */
      schedules: z.array(z.object({ userId: z.string(), schedule: Entity })),
    }),
  },
} as const;
