/** OpenAI wire types: values only, no logic. */
package dev.meridian.api.openai;
