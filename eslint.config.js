// ESLint for the site's scripts (make lint). They are ES modules loaded by the
// browser without a build step: public pages with <script type="module">, the
// admin through Django's form Media (forms.Script(..., type="module")).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: [".venv/", "node_modules/", "staticfiles/", "bench-results/"],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      curly: "error",
      eqeqeq: "error",
      "no-var": "error",
      "object-shorthand": "error",
      "prefer-arrow-callback": "error",
      "prefer-const": "error",
      "prefer-template": "error",
    },
  },
  {
    files: ["summaries/static/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
];
