// The one place the activity minimum lives: a series needs this many check-ins before anyone
// (scorers, views, scan, notifications) treats it as a possible schedule. RITA v5 uses 4 too.
export const MIN_ACTIVITIES = 4;
