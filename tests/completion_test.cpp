// The shell completions and the man page, as the build writes them into
// build/share/ and installs them: each knows every option of every
// subcommand, and each shell that is installed reads its script and
// completes with it. zsh, fish and groff are optional: their tests skip
// where they are missing (apt-get install zsh fish groff-base).
#include "completion.h"

#include <gtest/gtest.h>

#include <iterator>
#include <set>
#include <sstream>

#include "app.h"
#include "test_support.h"

namespace jixiao {
namespace {

using test::run;

std::string share_file(const std::string& relative) {
  return test::read_file(std::string(JIXIAO_SHARE_DIR) + "/" + relative);
}
const char* const kBash = "bash-completion/completions/jixiao";
const char* const kZsh = "zsh/site-functions/_jixiao";
const char* const kFish = "fish/vendor_completions.d/jixiao.fish";
const char* const kMan = "man/man1/jixiao.1";

bool installed(const std::string& program) {
  return run("command -v " + program + " >/dev/null").status == 0;
}

// A word for sh, between single quotes.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Every visible command and option of the program, read from its CLI11 App
// tree directly (not through command_tree.h, which the generators use).
struct Command {
  std::string path;                  // `jixiao grammars check`
  std::vector<std::string> options;  // `-o`, `--output`, …
  std::vector<std::string> subcommands;
};

std::vector<Command> walk(const CLI::App& app, const std::string& path) {
  Command command{path, {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty() || !option->nonpositional()) continue;
    for (const auto& name : option->get_snames()) command.options.push_back("-" + name);
    for (const auto& name : option->get_lnames()) command.options.push_back("--" + name);
  }
  std::vector<Command> out{command};
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); })) {
    out.front().subcommands.push_back(sub->get_name());
    for (auto& c : walk(*sub, path + " " + sub->get_name())) out.push_back(std::move(c));
  }
  return out;
}

std::vector<Command> program_commands() {
  static const cli::Program program;
  return walk(program.app(), "jixiao");
}

// The words the completion of `line` (up to its end) offers, with each
// shell's own machinery; one call runs many lines in one shell.
std::vector<std::set<std::string>> bash_complete(const std::vector<std::string>& lines) {
  std::string script = "source " + quoted(std::string(JIXIAO_SHARE_DIR) + "/" + kBash) + "\n";
  for (const auto& line : lines) {
    // `jixiao convert --for`: the words, the last the one being completed.
    script += "read -ra COMP_WORDS <<<" + quoted(line) + "; " +
              (line.ends_with(" ") ? "COMP_WORDS+=('');" : "") +
              " COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _jixiao;"
              " printf '%s ' \"${COMPREPLY[@]}\"; echo\n";
  }
  const auto r = run("bash --norc --noprofile -s", script);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<std::set<std::string>> out;
  for (const auto& reply : test::lines_of(r.out)) {
    std::istringstream words(reply);
    out.emplace_back(std::istream_iterator<std::string>(words),
                     std::istream_iterator<std::string>());
  }
  return out;
}

std::vector<std::set<std::string>> fish_complete(const std::vector<std::string>& lines) {
  std::string script = "source " + quoted(std::string(JIXIAO_SHARE_DIR) + "/" + kFish) + "\n";
  // `complete -C` prints a word a line (a tab, then its description); a
  // line of its own ends each reply.
  for (const auto& line : lines) script += "complete -C " + quoted(line) + "; echo '<<'\n";
  const auto r = run("fish --no-config", script);
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<std::set<std::string>> out(1);
  for (const auto& word : test::lines_of(r.out)) {
    if (word == "<<") {
      out.emplace_back();
    } else {
      out.back().insert(word.substr(0, word.find('\t')));
    }
  }
  out.pop_back();
  return out;
}

std::set<std::string> zsh_complete(const std::string& line) {
  const std::string out_file = test::scratch_path("zsh-complete");
  const auto r = run("timeout 60 zsh -f tests/zsh-complete.zsh " +
                     quoted(std::string(JIXIAO_SHARE_DIR) + "/zsh/site-functions") + " " +
                     quoted(out_file) + " " + quoted(line));
  EXPECT_EQ(r.status, 0) << r.err;
  const auto words = test::lines_of(r.out);
  return {words.begin(), words.end()};
}

TEST(Completion, TheBuildWritesWhatTheProgramPrints) {
  EXPECT_EQ(share_file(kBash), run("jixiao completion bash").out);
  EXPECT_EQ(share_file(kZsh), run("jixiao completion zsh").out);
  EXPECT_EQ(share_file(kFish), run("jixiao completion fish").out);
  EXPECT_EQ(share_file(kMan), run("jixiao man").out);
  const auto r = run("jixiao completion tcsh");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("tcsh not in {bash,zsh,fish}"), std::string::npos) << r.err;
}

TEST(Completion, TheTreeHasEveryCommand) {
  // (So that the tests below, which walk it, test something.)
  std::set<std::string> paths;
  for (const auto& command : program_commands()) paths.insert(command.path);
  for (const char* path : {"jixiao convert", "jixiao value", "jixiao check", "jixiao audit",
                           "jixiao pdftext", "jixiao grammars check", "jixiao completion"}) {
    EXPECT_TRUE(paths.count(path)) << path;
  }
}

// bash: each option of each command is completed from its beginning (`jixiao
// convert --form` gives --format), and each subcommand (`jixiao grammars sh`).
TEST(Completion, BashCompletesEveryOptionAndSubcommand) {
  std::vector<std::string> lines, expected;
  for (const auto& command : program_commands()) {
    for (const auto& option : command.options) {
      lines.push_back(command.path + " " + option);
      expected.push_back(option);
    }
    for (const auto& sub : command.subcommands) {
      lines.push_back(command.path + " " + sub);
      expected.push_back(sub);
    }
  }
  const auto replies = bash_complete(lines);
  ASSERT_EQ(replies.size(), lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    EXPECT_TRUE(replies[i].count(expected[i]))
        << lines[i] << "<TAB> does not offer " << expected[i];
}

TEST(Completion, BashCompletesSubcommandsOptionsAndValues) {
  const std::vector<std::string> lines{
      "jixiao conv",
      "jixiao convert --for",
      "jixiao convert --format ",
      // (`--format=j`, as bash splits it at the `=`.)
      "jixiao convert --format = j",
      "jixiao convert -o out.json --layout r",
      "jixiao grammars sh",
      "jixiao grammars show ",
      "jixiao check --up",
      "jixiao ",
      "jixiao convert -o ",
  };
  const auto replies = bash_complete(lines);
  ASSERT_EQ(replies.size(), lines.size());
  EXPECT_EQ(replies[0], (std::set<std::string>{"convert"}));
  EXPECT_EQ(replies[1], (std::set<std::string>{"--format"}));
  EXPECT_EQ(replies[2], (std::set<std::string>{"json", "jsonl", "csv", "xlsx"}));
  EXPECT_EQ(replies[3], (std::set<std::string>{"json", "jsonl"}));
  EXPECT_EQ(replies[4], (std::set<std::string>{"reading-order"}));
  EXPECT_EQ(replies[5], (std::set<std::string>{"show"}));
  EXPECT_EQ(replies[6], (std::set<std::string>{"budget-target", "self-evaluation", "department"}));
  EXPECT_EQ(replies[7], (std::set<std::string>{"--update"}));
  EXPECT_TRUE(replies[8].count("convert") && replies[8].count("grammars"));
  // A file name: nothing offered, and bash's own file completion takes over.
  EXPECT_TRUE(replies[9].empty());
}

TEST(Completion, ZshReadsAndCompletesItsScript) {
  if (!installed("zsh")) GTEST_SKIP() << "zsh is not installed";
  const std::string file = std::string(JIXIAO_SHARE_DIR) + "/" + kZsh;
  const auto r = run("zsh -n " + quoted(file));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  if (run("zsh -fc 'zmodload zsh/zpty'").status != 0) GTEST_SKIP() << "zsh has no zpty module";
  EXPECT_EQ(zsh_complete("jixiao conv"), (std::set<std::string>{"convert"}));
  EXPECT_EQ(zsh_complete("jixiao convert --for"), (std::set<std::string>{"--format"}));
  EXPECT_EQ(zsh_complete("jixiao convert --format "),
            (std::set<std::string>{"json", "jsonl", "csv", "xlsx"}));
  EXPECT_EQ(zsh_complete("jixiao grammars show "),
            (std::set<std::string>{"budget-target", "self-evaluation", "department"}));
}

TEST(Completion, FishReadsAndCompletesItsScript) {
  if (!installed("fish")) GTEST_SKIP() << "fish is not installed";
  const std::string file = std::string(JIXIAO_SHARE_DIR) + "/" + kFish;
  const auto r = run("fish --no-config --no-execute " + quoted(file));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto replies = fish_complete(
      {"jixiao conv", "jixiao convert --for", "jixiao convert --format ", "jixiao grammars show "});
  ASSERT_EQ(replies.size(), 4u);
  EXPECT_EQ(replies[0], (std::set<std::string>{"convert"}));
  EXPECT_EQ(replies[1], (std::set<std::string>{"--format"}));
  EXPECT_EQ(replies[2], (std::set<std::string>{"json", "jsonl", "csv", "xlsx"}));
  EXPECT_EQ(replies[3], (std::set<std::string>{"budget-target", "self-evaluation", "department"}));
}

// fish, where it is installed, completes each option and subcommand as bash
// does; where it is not, its script still holds a `complete` line for each.
TEST(Completion, FishKnowsEveryOptionAndSubcommand) {
  const std::string script = share_file(kFish);
  std::vector<std::string> lines, expected;
  for (const auto& command : program_commands()) {
    const std::string prefix = "complete -c jixiao -n '__jixiao_at " + command.path + "'";
    for (const auto& option : command.options) {
      const std::string flag = option.starts_with("--") ? " -l " + option.substr(2) + " "
                                                        : " -s " + option.substr(1) + " ";
      bool found = false;
      for (const auto& line : test::lines_of(script))
        found = found || (line.starts_with(prefix) && line.find(flag) != std::string::npos);
      EXPECT_TRUE(found) << command.path << " " << option;
      // (A whole short option, `-q`, is completed to others stacked on it:
      // `-qh`, `-qv`.)
      lines.push_back(command.path + " " + (option.starts_with("--") ? option : "-"));
      expected.push_back(option);
    }
    for (const auto& sub : command.subcommands) {
      EXPECT_NE(script.find(prefix + " -a '" + sub + "'"), std::string::npos)
          << command.path << " " << sub;
      lines.push_back(command.path + " " + sub);
      expected.push_back(sub);
    }
  }
  if (!installed("fish")) GTEST_SKIP() << "fish is not installed: the lines are there, not run";
  const auto replies = fish_complete(lines);
  ASSERT_EQ(replies.size(), lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    EXPECT_TRUE(replies[i].count(expected[i]))
        << lines[i] << "<TAB> does not offer " << expected[i];
}

// zsh: each command's function lists each of its options (`{-o+,--output=}`,
// `'--bom[…]'`) and each of its subcommands (`'show:…'`). (Completing each
// in a pseudo-terminal would take a second apiece.)
TEST(Completion, ZshKnowsEveryOptionAndSubcommand) {
  const std::string script = share_file(kZsh);
  for (const auto& command : program_commands()) {
    std::string name = command.path;
    for (char& c : name) c = c == ' ' || c == '-' ? '_' : c;
    const std::size_t start = script.find("\n_" + name + "() {\n");
    ASSERT_NE(start, std::string::npos) << command.path;
    const std::string body = script.substr(start, script.find("\n}\n", start) - start);
    for (const auto& option : command.options) {
      bool found = false;
      for (char after : std::string("[=+,}"))
        found = found || body.find(option + after) != std::string::npos;
      EXPECT_TRUE(found) << command.path << " " << option;
    }
    for (const auto& sub : command.subcommands)
      EXPECT_NE(body.find("'" + sub + ":"), std::string::npos) << command.path << " " << sub;
  }
}

// The man page has a section for each command, with each of its options in
// bold and each subcommand's own section.
TEST(Completion, TheManPageHasEveryCommandAndOption) {
  const std::string page = share_file(kMan);
  const auto roff = [](const std::string& name) {
    std::string out;
    for (char c : name) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
  };
  for (const auto& command : program_commands()) {
    std::string section = page;
    if (command.path != "jixiao") {
      const std::size_t start = page.find(".SS \"" + roff(command.path) + "\"\n");
      ASSERT_NE(start, std::string::npos) << command.path;
      section = page.substr(start, page.find("\n.S", start + 1) - start);
    } else {
      section = page.substr(page.find(".SH OPTIONS"));
    }
    for (const auto& option : command.options)
      EXPECT_NE(section.find("\\fB" + roff(option) + "\\fR"), std::string::npos)
          << command.path << " " << option;
    for (const auto& sub : command.subcommands)
      EXPECT_NE(page.find(".SS \"" + roff(command.path + " " + sub) + "\"\n"), std::string::npos)
          << command.path << " " << sub;
  }
}

TEST(Completion, GroffRendersTheManPageWithoutWarnings) {
  if (!installed("groff")) GTEST_SKIP() << "groff is not installed";
  const std::string file = quoted(std::string(JIXIAO_SHARE_DIR) + "/" + kMan);
  const auto check = run("groff -man -ww -z -Tutf8 " + file);
  EXPECT_EQ(check.status, 0);
  EXPECT_EQ(check.err, "");
  // Plain text, without bold by overstriking.
  const auto text = run("groff -man -Tutf8 -P-cbou " + file);
  EXPECT_NE(text.out.find("项目支出预算绩效目标表"), std::string::npos);
  EXPECT_NE(text.out.find("jixiao grammars check"), std::string::npos);
  EXPECT_NE(text.out.find("--format json|jsonl|csv|xlsx"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace jixiao
