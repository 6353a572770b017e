/* Token refresh on n8n-core 2.41.1. */
import { describeTokenCases } from './token.cases';

describeTokenCases('2');
