# Prints the words zsh's completion offers for a command line, one a line
# (tests/completion_test.cpp):
#   zsh -f tests/zsh-complete.zsh FPATH_DIR OUT_FILE 'jixiao conv'
# An interactive zsh in a pseudo-terminal (zpty) loads the completion from
# FPATH_DIR and is typed the line and a TAB; compadd is wrapped to write
# each word it is given to OUT_FILE. Exits 77 without the zpty module.
zmodload zsh/zpty 2>/dev/null || exit 77
dir=$1 out=$2 line=$3
: >$out
zpty z zsh -f -i
zpty -w z "PS1=''; fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "_capture() { compadd() { local -a w; builtin compadd -O w \"\$@\"; print -rl -- \$w >>${(q)out}; builtin compadd \"\$@\"; } }; compprefuncs=(_capture)"
# What is typed before zle starts may be dropped: wait for a line editor
# to start, which says so. ('' keeps the echo of the command from matching.)
zpty -w z "zle-line-init() { print -n JIXIAO''LINE; }; zle -N zle-line-init"
zpty -r z reply '*JIXIAOLINE*'
# The line and a TAB, then (once the completion is done) a line that says so.
zpty -n -w z "$line"$'\t'$'\C-u'
zpty -w z "print JIXIAO''DONE"
zpty -r z reply '*JIXIAODONE*'
zpty -d z
sort -u $out | grep -v '^$'
