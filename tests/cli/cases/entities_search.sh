# Entity fields (exact "canonical name" with alias synonyms, or words) and dates mentioned in the text.
titles() { echo "== $1"; $SEARCHER --db "$DB" -n 50 "$1" | grep -E '^[0-9]+\. ' || echo "exit $?"; }
titles 'person:"Theresa Walsh"'
titles 'person:walsh'
titles 'org:FAA'
titles 'org:"FAA"'
titles 'org:"Federal Aviation Administration"'
titles 'place:ohio'
titles 'place:"United States"'
titles 'mentions:2017-02'
titles 'mentions:2017-01-28'
titles 'person:"Theresa Walsh" mentions:2017-02'
