import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The pixel width of an element, kept current with a ResizeObserver, so SVG charts are drawn
 * at their real size (text keeps its size at any window width).
 */
export function useWidth(initial: number, min = 240): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => setWidth(Math.max(min, element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [min]);
  return [ref, width];
}
