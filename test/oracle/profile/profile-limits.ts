/**
 * A profile lists at most 65,536 template ids (type_id is 16 bits): about 1.6 MB written one per
 * line. Loading is linear (a 1.5 MB profile took 58 s while duplicate keys were found in quadratic
 * time); files above 4 MiB are refused rather than parsed.
 */
export const MAX_PROFILE_BYTES = 4 * 1024 * 1024;
