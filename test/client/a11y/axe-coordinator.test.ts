// axe on every staff screen as the demo's coordinator, in zh-HK and en (axe.ts).
import { staffScreensAs } from './axe.ts';

staffScreensAs('coordinator');
