import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(packageBuild({ entry: ['src/index.ts', 'src/autograd.ts', 'src/nn.ts', 'src/optim.ts', 'src/data.ts', 'src/legacy.ts'] }));
