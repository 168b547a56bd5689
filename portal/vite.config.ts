import { defineConfig } from 'vite';

// The build lands where a jar's static resources are served by the servlet container (META-INF/resources), so the
// Maven module packages the portal as a jar that the WAR includes.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: false,
    assetsDir: 'assets',
    target: 'es2022',
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts'],
  },
});
