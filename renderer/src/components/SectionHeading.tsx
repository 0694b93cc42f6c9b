import { Text, Title } from '@mantine/core';

/** A section's heading, with a line saying what the section is for where it needs one. */
export function SectionHeading({ title, hint }: { title: string; hint?: string }) {
  return (
    <>
      <Title order={3} size="h4">
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
    </>
  );
}
