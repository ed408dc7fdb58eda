/** Site-generator residue that must never show on a slide (issue #16). */
export const RESIDUE = [/\{:[^}]*\}/, /\{::/, /\{%/, /%\}/, /\{\{[<%]/, /[>%]\}\}/, /markdown="1"/, /^\s*\[[^\]]+\]:\s*\S+/m, /:(eqref|numref|label|eqlabel):`/, /^\s*(!!!|\?\?\?)/m];
