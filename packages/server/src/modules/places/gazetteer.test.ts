import { describe, expect, it } from 'vitest';
import { Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import { normalizeName, queryParts } from './normalize.ts';

const entry = (id: string, kind: GazetteerEntry['kind'], name: string, lat = 44.95, lng = -93.26): GazetteerEntry => ({
  id,
  kind,
  name,
  lat,
  lng,
  areaName: null,
});

const gazetteer = new Gazetteer([
  entry('lake-chicago', 'intersection', 'Lake St & Chicago Ave'),
  entry('lake-bloomington', 'intersection', 'Lake St & Bloomington Ave'),
  entry('franklin-chicago', 'intersection', 'Franklin Ave & Chicago Ave'),
  entry('cedar-riverside', 'area', 'Cedar Riverside'),
  entry('phillips-west', 'area', 'Phillips West'),
  entry('bryn-mawr', 'area', 'Bryn - Mawr'),
  entry('downtown-east', 'area', 'Downtown East'),
  entry('downtown-west', 'area', 'Downtown West'),
  entry('near-north', 'area', 'Near - North'),
  entry('st-anthony-east', 'area', 'St. Anthony East'),
  entry('st-anthony-west', 'area', 'St. Anthony West'),
  entry('lake-of-the-isles', 'landmark', 'Lake of the Isles'),
  entry('masjid', 'site', 'Masjid An-Nur'),
  entry('lake-station', 'station', 'Lake Street/Midtown Station'),
]);
const first = (text: string) => gazetteer.search(text)[0]?.id;

describe('reading typed places', () => {
  it('puts street words in one form in every language, and drops compass words', () => {
    expect(normalizeName('Chicago Avenue South')).toBe('chicago ave');
    expect(queryParts('Calle Lake y Avenida Chicago')).toEqual(['lake st', 'chicago ave']);
    expect(queryParts('Waddada Lake iyo Chicago')).toEqual(['lake st', 'chicago']);
    expect(queryParts('Kev Lake thiab Chicago')).toEqual(['lake st', 'chicago']);
    expect(queryParts('شارع ليك وشيكاغو')).toEqual(['ليك st', 'شيكاغو']);
    expect(queryParts('near the corner of Lake and Chicago')).toEqual(['lake', 'chicago']);
  });
});

describe('the gazetteer', () => {
  it('finds a corner written many ways, in either order, with a typo', () => {
    for (const text of [
      'Lake St & Chicago Ave',
      'lake street and chicago avenue',
      'Chicago and Lake',
      'Lake & Chicgo',
      'corner of Lake St at Chicago',
      'Calle Lake y Avenida Chicago',
      'Waddada Lake iyo Chicago',
      'Kev Lake thiab Chicago',
    ]) {
      expect(first(text), text).toBe('lake-chicago');
    }
    expect(first('Bloomington & Lake')).toBe('lake-bloomington');
  });

  it('finds areas and landmarks by name, hyphens and spacing aside', () => {
    expect(first('Cedar-Riverside')).toBe('cedar-riverside');
    expect(first('cedar riverside')).toBe('cedar-riverside');
    expect(first('Phillips West')).toBe('phillips-west');
    expect(first('phillip west')).toBe('phillips-west');
    expect(first('Bryn Mawr')).toBe('bryn-mawr');
    expect(first('Masjid An Nur')).toBe('masjid');
    expect(first('Lake Street Midtown station')).toBe('lake-station');
  });

  it('keeps compass words and inner words that are part of an area’s name', () => {
    expect(normalizeName('Downtown East')).not.toBe(normalizeName('Downtown West'));
    expect(normalizeName('St. Anthony East')).not.toBe(normalizeName('St. Anthony West'));
    expect(normalizeName('Near - North')).toBe('north');
    expect(first('Downtown West')).toBe('downtown-west');
    expect(first('st anthony east')).toBe('st-anthony-east');
    expect(first('Near North')).toBe('near-north');
    expect(first('lake of the isles')).toBe('lake-of-the-isles');
  });

  it('offers nothing rather than a guess', () => {
    expect(gazetteer.search('somewhere downtown')).toEqual([]);
    expect(gazetteer.search('Lake & Hennepin')).toEqual([]);
    expect(gazetteer.search('')).toEqual([]);
  });
});

describe('finding a place inside a message', () => {
  const inside = (text: string) => gazetteer.findIn(text)?.id;

  it('finds the corner or the named place a text message mentions', () => {
    expect(inside('ICE vans at lake st and chicago right now, 3 agents')).toBe('lake-chicago');
    expect(inside('Gaadiid ICE ah ayaa taagan Waddada Lake iyo Chicago hadda')).toBe('lake-chicago');
    expect(inside('agentes en la esquina de Bloomington y Lake ahora')).toBe('lake-bloomington');
    expect(inside('people being stopped outside Masjid An Nur after prayer')).toBe('masjid');
    expect(inside('checkpoint in cedar riverside near the towers')).toBe('cedar-riverside');
  });

  it('finds nothing in a message that names no known place', () => {
    expect(inside('they are here please come fast')).toBeUndefined();
    expect(inside('agents at the school and the park')).toBeUndefined();
  });
});
