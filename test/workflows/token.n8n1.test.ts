/* Token refresh on n8n-core 1.122.48 (the engine of n8n 1.123.x), which has no refresh lock. */
import { describeTokenCases } from './token.cases';

describeTokenCases('1');
