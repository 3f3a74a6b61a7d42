// A module Web Worker using the package (run.mjs starts it from the test page).
import { ModelGates } from "../dist/index.js";

onmessage = async ({ data: { baseUrl, apiKey } }) => {
  try {
    const workspace = await new ModelGates({ apiKey, baseUrl }).getWorkspace("default");
    postMessage({ slug: workspace.slug });
  } catch (error) {
    postMessage({ error: `${error.name}: ${error.message}` });
  }
};
