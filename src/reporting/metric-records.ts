/** What an import reads and what it reports wrong: shared by every metrics format (CSV, JSON, exports). */

export type Problem =
  | { code: 'syntax'; detail: string }
  | { code: 'empty' }
  | { code: 'noRows' }
  | { code: 'tooMany'; max: number }
  | { code: 'unknownColumn'; column: string }
  | { code: 'duplicateColumn'; column: string }
  | { code: 'missingColumn'; column: string }
  | { code: 'fieldCount'; expected: number; got: number }
  | { code: 'notObject' }
  | { code: 'required'; column: string }
  | { code: 'badDate'; value: string }
  | { code: 'badChannel'; value: string }
  | { code: 'unknownChannel'; value: string; suggestion?: string | undefined }
  | { code: 'badCampaign' }
  | { code: 'badNumber'; column: string; value: string }
  | { code: 'notWhole'; column: string; value: string }
  | { code: 'tooLarge'; column: string; value: string }
  | { code: 'duplicateRow'; firstLine: number }
  | { code: 'badPosition'; value: string }
  | { code: 'positionNeedsImpressions' }
  | { code: 'currencyMismatch'; value: string; expected: string }
  | { code: 'noHeader'; format: string };

/** Where the problem is: a CSV line or a JSON item (1-based); 0 for the input as a whole. */
export interface LineError {
  line: number;
  problem: Problem;
}

export interface InputRecord {
  line: number;
  values: Record<string, unknown>;
}
