// Types of build-plan.mjs for the tests that import it.
export interface BuildRun {
  readonly name: string;
  readonly args: string[];
}
export declare const TARGETS: Record<
  'linux' | 'win' | 'mac',
  { os: string; osName: string; archs: string[]; makes: string; needs: string }
>;
export declare function buildPlan(target: string, hostOs: string): { runs: BuildRun[]; cannot: string[] };
