/**
 * The JSON-logic rule editor: a tall monospace field that offers the data's variable names as the
 * expert types inside `{"var": "…"}` (↑/↓ to choose, Enter or Tab to take, Esc to dismiss), and
 * says before saving when the text is not JSON or reads a variable no lumisection has — with the
 * name probably meant. The same check runs on the server.
 */
import { useId, useMemo, useRef, useState } from "react";
import { describeUnknownVariables, unknownVariables } from "../../../server/certification/golden-json/rule-variable-check";
import { applyCompletion, type Completion, completionAt } from "./rule-completion";

/** What is wrong with the rule text, or null when it can be saved. */
export function ruleTextProblem(text: string, variables: readonly string[]): string | null {
  let logic: unknown;
  try {
    logic = JSON.parse(text);
  } catch (err) {
    return `not JSON yet: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (logic === null || typeof logic !== "object" || Array.isArray(logic)) return 'a rule is a JSON-logic object, e.g. {"and": [...]}';
  const unknown = unknownVariables(logic, variables);
  return unknown.length ? describeUnknownVariables(unknown) : null;
}

interface Props {
  name: string;
  value: string;
  onChange: (text: string) => void;
  variables: readonly string[];
}

export function RuleEditor({ name, value, onChange, variables }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const problemId = useId();
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const problem = useMemo(() => ruleTextProblem(value, variables), [value, variables]);
  const open = completion !== null && completion.options.length > 0;

  const refresh = (text: string, caret: number) => {
    setCompletion(completionAt(text, caret, variables));
    setActive(0);
  };
  const take = (option: string) => {
    if (!completion) return;
    const next = applyCompletion(value, completion, option);
    onChange(next.text);
    setCompletion(null);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <div className="rule-editor">
      <textarea
        ref={area}
        name={name}
        rows={14}
        spellCheck={false}
        required
        value={value}
        aria-label="JSON-logic rule"
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-expanded={open}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-describedby={problemId}
        aria-invalid={problem !== null}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          refresh(e.currentTarget.value, e.currentTarget.selectionStart);
        }}
        onClick={(e) => refresh(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setCompletion(null), 150)}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const n = completion.options.length;
            setActive((i) => (i + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
          } else if (e.key === "Enter" || e.key === "Tab") {
            e.preventDefault();
            take(completion.options[active]!);
          } else if (e.key === "Escape") {
            e.preventDefault();
            setCompletion(null);
          }
        }}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label="Variables" className="rule-suggestions">
          {completion.options.map((o, i) => (
            <li
              key={o}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                take(o);
              }}
            >
              {o}
            </li>
          ))}
        </ul>
      ) : null}
      <p id={problemId} className={problem ? "notice error rule-problem" : "muted rule-problem"} role={problem ? "alert" : undefined}>
        {problem ?? `Valid JSON-logic; every variable is known. Type {"var": " to be offered the ${variables.length} variable names.`}
      </p>
    </div>
  );
}
