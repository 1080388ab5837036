/** The part of autocannon's API the turn benchmark uses (the package ships no types). */
declare module 'autocannon' {
  /** A request autocannon is about to send; `setupRequest` may change it. */
  export interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  /** Options of one run. */
  export interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Array<AutocannonRequest & { setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest }>;
    expectBody?: string;
  }
  /** Latency or throughput figures of a run. */
  export interface AutocannonHistogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9?: number;
    total: number;
  }
  /** The result of a run. */
  export interface AutocannonResult {
    latency: AutocannonHistogram;
    requests: AutocannonHistogram;
    throughput: AutocannonHistogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
