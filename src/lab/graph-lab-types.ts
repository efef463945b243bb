// What a Graph lab handler answers: JSON with a status, or nothing at all (a hang).
export interface LabJsonAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}
export type LabAnswer = LabJsonAnswer | 'hang';

export interface LabRequest {
  method: string;
  /** Path and query as received (no request bodies or headers are kept: they carry secrets). */
  url: string;
  /** Which part of the lab answered, and how. */
  target: 'token' | 'discovery' | 'organization' | 'users' | 'applications' | 'servicePrincipals' | 'other';
  status: number | 'hang';
}
