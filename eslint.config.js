// @ts-check
import tseslint from 'typescript-eslint';

/** Product code: where untrusted pack data and page text are rendered. */
const PRODUCT = ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'];

const SINK_MESSAGE = 'Pack data and page text are untrusted: render them as text (docs/security.md).';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'public/**', 'coverage/**', 'artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: SINK_MESSAGE },
        { selector: "MemberExpression[property.name='outerHTML']", message: SINK_MESSAGE },
        { selector: "MemberExpression[property.name='insertAdjacentHTML']", message: SINK_MESSAGE },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: SINK_MESSAGE },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: SINK_MESSAGE },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
        { selector: "MemberExpression[property.name='createContextualFragment']", message: SINK_MESSAGE },
        { selector: "CallExpression[callee.property.name='write'][callee.object.name='document']", message: SINK_MESSAGE },
      ],
    },
  },
  {
    files: PRODUCT,
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
);
